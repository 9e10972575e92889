# ruff: noqa: N803, N806  (array dimensions use their usual capital letters: H, Y, D, HY)
"""National totals only, fast: the same model as ``engine.simulate``, as matrix products.

Why it is exact and fast: which figures apply in a draw depends only on the
draw's window state (``undated_figure_year``), of which there are a few dozen.
Within one state the structure of every hospital-year is fixed: which method
gives its capacity and which figures enter. A hospital-year whose value is one
sum of figure terms is *linear* in per-draw "atoms" (e.g. measurement factor x
occupancy / stay of one figure), so all of them together are one (years x
atoms) matrix times the atoms of the draws. Only hospital-years where a maximum
is taken (several methods, organ sum against unsplit beds, a count against used
capacity) are evaluated one by one. Draws are
grouped by state; each state's matrices are built once per run and cached.

``tests/estimate/test_fastpath.py`` checks it against ``engine.simulate``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from transplant_audit.estimate import engine, methods
from transplant_audit.estimate.engine import DTYPE, ORGAN_GROUPS, ChunkOut, Prepared

UNS = ORGAN_GROUPS.index("unspecified")


@dataclass
class _CellFlags:
    """Per hospital-year cell (and per bed/surgeon row: tp, dp, sp, tspec, dspec) for one
    undated-figure year: what is present and which capacity method applies."""

    tp: np.ndarray  # transplant-bed rows present
    dp: np.ndarray  # department-bed rows present
    sp: np.ndarray  # surgeon rows present
    tspec: np.ndarray  # transplant-bed row names an organ group
    dspec: np.ndarray
    bed_t: np.ndarray  # cell decided by transplant beds
    bed_d: np.ndarray  # ... by department beds
    other: np.ndarray  # ... by the other methods (max)
    mr: np.ndarray  # minimum requirement applies
    cap: np.ndarray  # some capacity method applies
    E: np.ndarray  # needs a maximum over pieces
    lin: np.ndarray  # one piece and no count: linear


@dataclass
class _State:
    W_lin: np.ndarray  # (Y, n_atoms): linear capacity cells without a count
    Q: sparse.csr_matrix  # (n_pieces, n_atoms): pieces of the cells evaluated one by one
    piece_starts: np.ndarray  # pieces sorted by cell: start of each cell's run
    E_year: np.ndarray  # (Y, n_E) indicator of those cells' years
    E_rep: np.ndarray  # (n_E,) index into rep cells, -1 when the cell has no count
    R_only: np.ndarray  # (Y, n_rc) counts of cells with no capacity in the state
    n_cap: np.ndarray  # (3, Y) cells with capacity: licensed, unlicensed, unknown-status hospitals
    n_comb: np.ndarray  # (3, Y) cells with a combined value


@dataclass
class FastModel:
    """Atoms and cached per-state matrices for one ``Prepared``."""

    prep: Prepared
    t_atom: np.ndarray  # per transplant-bed row: atom index
    t_atoms: tuple[np.ndarray, np.ndarray]  # (fig, pair) of each transplant-bed atom
    d_atom: np.ndarray
    d_atoms: tuple[np.ndarray, np.ndarray]
    p_atom: np.ndarray
    p_figs: np.ndarray
    v_atom: np.ndarray
    v_atoms: tuple[np.ndarray, np.ndarray]  # (fig, hospital full index)
    offsets: dict[str, int]
    n_atoms: int
    rows_cell: dict[str, np.ndarray]  # hy cell of each row (t, d, s, v)
    states: dict[tuple[int, int], _State] = field(default_factory=dict)

    @classmethod
    def build(cls, prep: Prepared) -> FastModel:
        Ha = prep.n_act

        def cells(b: engine.BedRows) -> np.ndarray:
            r = b.rows
            return r.y * Ha + prep.pos[r.h]

        def combos(
            a: np.ndarray, b: np.ndarray
        ) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
            if not len(a):
                return np.zeros(0, np.int64), (np.zeros(0, np.int64), np.zeros(0, np.int64))
            pairs = np.stack([a, b], axis=1)
            uniq, inv = np.unique(pairs, axis=0, return_inverse=True)
            return inv.ravel(), (uniq[:, 0], uniq[:, 1])

        t_atom, t_atoms = combos(prep.beds.fig, prep.beds.pair)
        d_atom, d_atoms = combos(prep.dept.fig, prep.dept.pair)
        p_figs, p_atom = np.unique(prep.surg.fig, return_inverse=True)
        rv = prep.rev_rows
        v_atom, v_atoms = combos(rv.fig, rv.h)
        offsets: dict[str, int] = {}
        n = 0
        for name, size in (
            ("t", len(t_atoms[0])),
            ("d", len(d_atoms[0])),
            ("p", len(p_figs)),
            ("m", Ha),
            ("v", len(v_atoms[0])),
        ):
            offsets[name] = n
            n += size
        return cls(
            prep=prep,
            t_atom=t_atom,
            t_atoms=t_atoms,
            d_atom=d_atom,
            d_atoms=d_atoms,
            p_atom=p_atom.ravel(),
            p_figs=p_figs,
            v_atom=v_atom,
            v_atoms=v_atoms,
            offsets=offsets,
            n_atoms=n,
            rows_cell={
                "t": cells(prep.beds),
                "d": cells(prep.dept),
                "s": cells(prep.surg),
                "v": rv.y * Ha + prep.pos[rv.h],
            },
        )

    # ------------------------------------------------------------------ per state
    def state(self, y0: int) -> _State:
        st = self.states.get(y0)
        if st is None:
            st = self._build_state(y0)
            self.states[y0] = st
        return st

    def _present(self, b: engine.BedRows, y0: int) -> np.ndarray:
        if not len(b.base):
            return np.zeros(0, bool)
        return engine.present_table(b, np.array([y0], float))[b.window_code, 0]

    def _build_state(self, y0: int) -> _State:
        """The matrices of one undated-figure year: which method decides each cell, the
        linear cells as one (Y, atoms) matrix, the others as pieces to take maxima over."""
        prep = self.prep
        Ha, Y = prep.n_act, prep.table.n_years
        f = self._cell_flags(y0)
        cell, ptype, atom, weight = self._terms(f)
        li = f.lin[cell]
        W_lin = sparse.coo_matrix(
            (weight[li], (cell[li] // Ha, atom[li])), shape=(Y, self.n_atoms)
        ).toarray()
        E_cells, Q, piece_starts = self._pieces(f.E, cell, ptype, atom, weight)
        E_year = np.zeros((Y, len(E_cells)))
        E_year[E_cells // Ha, np.arange(len(E_cells))] = 1.0
        rc = prep.rep_cells
        pos_rc = np.full(Ha * Y, -1, np.int64)
        pos_rc[rc] = np.arange(len(rc))
        R_only = np.zeros((Y, len(rc)))
        ronly = ~f.cap[rc]
        R_only[(rc // Ha)[ronly], np.nonzero(ronly)[0]] = 1.0
        return _State(
            W_lin=W_lin,
            Q=Q,
            piece_starts=piece_starts.astype(np.int64),
            E_year=E_year,
            E_rep=pos_rc[E_cells],
            R_only=R_only,
            n_cap=self._count_by_status(f.cap),
            n_comb=self._count_by_status(f.cap | prep.rep_present),
        )

    def _cell_flags(self, y0: int) -> _CellFlags:
        """Per cell, which capacity method applies (beds replace the others) and how many
        pieces it has; E: cells needing a maximum (several pieces, or also a count)."""
        prep = self.prep
        HY = prep.n_act * prep.table.n_years
        tp = self._present(prep.beds, y0)
        dp = self._present(prep.dept, y0)
        sp = self._present(prep.surg, y0)
        tspec = prep.beds.rows.group != UNS
        dspec = prep.dept.rows.group != UNS
        tc, dc, sc, vc = (self.rows_cell[x] for x in ("t", "d", "s", "v"))

        def flag(cells: np.ndarray) -> np.ndarray:
            f = np.zeros(HY, bool)
            f[cells] = True
            return f

        t_spec, t_uns = flag(tc[tp & tspec]), flag(tc[tp & ~tspec])
        d_spec, d_uns = flag(dc[dp & dspec]), flag(dc[dp & ~dspec])
        bed_t = t_spec | t_uns
        bed_d = ~bed_t & (d_spec | d_uns)
        other = ~bed_t & ~bed_d
        mr = prep.minreq_ok & other
        n_pieces = (
            np.where(
                bed_t, t_spec.astype(int) + t_uns, np.where(bed_d, d_spec.astype(int) + d_uns, 0)
            )
            + mr
            + (flag(sc[sp]) & other)
            + (flag(vc) & other)
        )
        cap = n_pieces > 0
        rep = prep.rep_present
        return _CellFlags(
            tp,
            dp,
            sp,
            tspec,
            dspec,
            bed_t,
            bed_d,
            other,
            mr,
            cap,
            E=(n_pieces > 1) | (cap & rep),
            lin=(n_pieces == 1) & ~rep,
        )

    def _terms(self, f: _CellFlags) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(cell, piece type, atom, weight) of every present term."""
        prep, o = self.prep, self.offsets
        tc, dc, sc, vc = (self.rows_cell[x] for x in ("t", "d", "s", "v"))
        parts = []
        sel = f.tp & f.bed_t[tc]
        parts.append(
            (tc[sel], np.where(f.tspec[sel], 0, 1), o["t"] + self.t_atom[sel], prep.beds.base[sel])
        )
        sel = f.dp & f.bed_d[dc]
        parts.append(
            (dc[sel], np.where(f.dspec[sel], 2, 3), o["d"] + self.d_atom[sel], prep.dept.base[sel])
        )
        mcells = np.nonzero(f.mr)[0]
        parts.append(
            (
                mcells,
                np.full(len(mcells), 4),
                o["m"] + prep.minreq_h[mcells],
                np.ones(len(mcells), DTYPE),
            )
        )
        sel = f.sp & f.other[sc]
        parts.append(
            (sc[sel], np.full(sel.sum(), 5), o["p"] + self.p_atom[sel], prep.surg.base[sel])
        )
        sel = f.other[vc]
        parts.append(
            (
                vc[sel],
                np.full(sel.sum(), 6),
                o["v"] + self.v_atom[sel],
                prep.rev_rows.value[sel].astype(DTYPE),
            )
        )
        cell = np.concatenate([p[0] for p in parts]).astype(np.int64)
        ptype = np.concatenate([p[1] for p in parts]).astype(np.int64)
        atom = np.concatenate([p[2] for p in parts]).astype(np.int64)
        weight = np.concatenate([p[3] for p in parts]).astype(np.float64)
        return cell, ptype, atom, weight

    def _pieces(
        self,
        E: np.ndarray,
        cell: np.ndarray,
        ptype: np.ndarray,
        atom: np.ndarray,
        weight: np.ndarray,
    ) -> tuple[np.ndarray, sparse.csr_matrix, np.ndarray]:
        """(the E cells, one matrix row per (E cell, piece type), where each cell's rows start)."""
        ei = E[cell]
        E_cells = np.nonzero(E)[0]
        e_pos = np.searchsorted(E_cells, cell[ei])
        piece_key = e_pos * 8 + ptype[ei]
        uniq, pinv = np.unique(piece_key, return_inverse=True)
        Q = sparse.csr_matrix(
            (weight[ei], (pinv.ravel(), atom[ei])), shape=(len(uniq), self.n_atoms)
        )
        piece_cell = uniq // 8
        piece_starts = (
            np.concatenate(([0], np.nonzero(np.diff(piece_cell))[0] + 1))
            if len(uniq)
            else (np.zeros(0, np.int64))
        )
        return E_cells, Q, piece_starts

    def _count_by_status(self, mask: np.ndarray) -> np.ndarray:
        """(3, Y): cells of ``mask`` per year among licensed, unlicensed and unknown."""
        prep = self.prep
        Ha, Y = prep.n_act, prep.table.n_years
        hpos = np.arange(Ha * Y) % Ha
        L, LU = prep.n_lic, prep.n_lic + prep.n_unl
        status = (hpos < L, (hpos >= L) & (hpos < LU), hpos >= LU)
        return np.stack([(mask & s).reshape(Y, Ha).sum(axis=1) for s in status]).astype(np.float64)

    # ------------------------------------------------------------------ evaluation
    def national(self, params: Mapping[str, np.ndarray], u_fig: np.ndarray | None) -> ChunkOut:
        """National totals and imputed parts for D draws, as ``engine.simulate(light=True)``."""
        prep = self.prep
        t = prep.table
        Ha, Y = prep.n_act, t.n_years
        D = len(next(iter(params.values())))
        p = {k: np.asarray(v, DTYPE) for k, v in params.items()}
        fac = engine.figure_factors(t.fig_qual, p, u_fig, D)
        occ_of, inv_los_of = engine.occupancy_and_stay(t, p, fac, D)
        coef = occ_of(prep.pairs_h) * inv_los_of(prep.pairs_h, prep.pairs_g)
        A = np.empty((self.n_atoms, D), DTYPE)
        o = self.offsets
        f, pr = self.t_atoms
        A[o["t"] : o["t"] + len(f)] = fac[f] * coef[pr] * 365.0
        f, pr = self.d_atoms
        A[o["d"] : o["d"] + len(f)] = (
            fac[f] * coef[pr] * 365.0 * p["transplant_share_of_department_beds"][None, :]
        )
        A[o["p"] : o["p"] + len(self.p_figs)] = methods.personnel(
            fac[self.p_figs], p["transplants_per_surgeon_per_year"]
        )
        minward, A[o["m"] : o["m"] + Ha] = engine.minimum_requirements(prep, p, occ_of, inv_los_of)
        f, hh = self.v_atoms
        if len(f):
            own_p = t.own_price[hh]
            price = np.where(
                engine.own_figure_stated(own_p)[:, None],
                own_p[:, None],
                p["price_per_transplant_cny"][None, :],
            )
            A[o["v"] : o["v"] + len(f)] = methods.revenue(fac[f], price)

        # reported counts (static structure; the engine's own step)
        rc = prep.rep_cells
        rep_c, _ = engine.reported_counts(prep, fac, D)
        rep_year = np.zeros((Y, len(rc)))
        rep_year[rc // Ha, np.arange(len(rc))] = 1.0

        util = p["capacity_utilisation"]
        y0_d = np.floor(p["undated_figure_year"]).astype(np.int64)
        cap_tot = np.zeros((Y, D))
        comb_tot = np.zeros((Y, D))
        n_cap = np.zeros((3, Y, D))
        n_comb = np.zeros((3, Y, D))
        state_key = y0_d
        order = np.argsort(state_key, kind="stable")
        sk = state_key[order]
        bounds = np.concatenate(([0], np.nonzero(np.diff(sk))[0] + 1, [D]))
        # draws sorted by state once, so every state works on contiguous column slices
        A64 = np.ascontiguousarray(A[:, order], dtype=np.float64)
        rep64 = np.ascontiguousarray(rep_c[:, order], dtype=np.float64)
        util_o = util[order].astype(np.float64)
        for i in range(len(bounds) - 1):
            b0, b1 = bounds[i], bounds[i + 1]
            st = self.state(int(y0_d[order[b0]]))
            As = A64[:, b0:b1]
            us = util_o[b0:b1]
            lin = st.W_lin @ As
            cap_s = cap_tot[:, b0:b1]
            comb_s = comb_tot[:, b0:b1]
            cap_s[:] = lin
            np.multiply(lin, us[None, :], out=comb_s)
            if st.Q.shape[0]:
                P = st.Q @ As
                capval = np.maximum.reduceat(P, st.piece_starts, axis=0)
                cap_s += st.E_year @ capval
                combval = capval * us[None, :]
                has = st.E_rep >= 0
                if has.any():
                    combval[has] = np.maximum(combval[has], rep64[st.E_rep[has], b0:b1])
                comb_s += st.E_year @ combval
            if len(rc):
                comb_s += st.R_only @ rep64[:, b0:b1]
            n_cap[:, :, b0:b1] = st.n_cap[:, :, None]
            n_comb[:, :, b0:b1] = st.n_comb[:, :, None]
        # back to draw order
        inv = np.empty_like(order)
        inv[order] = np.arange(D)
        cap_tot, comb_tot = cap_tot[:, inv], comb_tot[:, inv]
        n_cap, n_comb = n_cap[:, :, inv], n_comb[:, :, inv]

        post, n_total, n_lic, n_unl = engine.centre_counts(t.years, p)

        def impute(have: np.ndarray, per: np.ndarray) -> np.ndarray:
            parts = methods.impute_centres(
                post, n_total, n_lic, n_unl, (have[0], have[1], have[2]), per
            )
            return parts["pre_licensing"] + parts["licensed"] + parts["unlicensed"]

        imp_cap = impute(n_cap, minward[None, :])
        imp_comb = impute(n_comb, (minward * util)[None, :])
        nat = {
            "documented": rep_year @ rep_c.astype(np.float64) if len(rc) else np.zeros((Y, D)),
            "capacity": cap_tot + imp_cap,
            "combined": comb_tot + imp_comb,
        }
        imputed = {"documented": np.zeros((Y, D)), "capacity": imp_cap, "combined": imp_comb}
        return ChunkOut(nat, imputed, {}, {}, {})
