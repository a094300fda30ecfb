"""乡镇综合行政执法办案系统 — Township Enforcement Desk."""

__version__ = "0.1.0"
APP_NAME = "enforcement-desk"
APP_TITLE = "乡镇综合行政执法办案系统"
