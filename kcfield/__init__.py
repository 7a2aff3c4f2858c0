"""kcfield: field data collection for khuyến công (industrial extension) collaborators."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kcfield")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"

APP_NAME = "kcfield"
APP_AUTHOR = "KhuyenCong"
