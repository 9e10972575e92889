"""Copy the bundled data package (data/) into the wheel.

The data package lives at the repository root as ``data/`` so that it is
easy to read, review and cite. A normal (non-editable) install would leave it
behind, so this build step copies it into ``transplant_audit/_bundled_data``.
An editable install finds ``data/`` beside ``src/`` instead
(see ``transplant_audit.paths.bundled_package_dir``).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        src = Path(__file__).parent / "data"
        if src.is_dir():
            dst = Path(self.build_lib) / "transplant_audit" / "_bundled_data"
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(src, dst)


setup(cmdclass={"build_py": BuildWithData})
