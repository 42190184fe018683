"""The logging settings of ``Configuration``: which loggers the SDK writes to, whether it
logs every exchange, and a log file shared by every configuration naming it."""

from __future__ import annotations

import logging
import os
import threading
import weakref
from typing import Any, Dict, List, Optional, Tuple

from TextMagic.checks import check_flag

__all__ = ["LoggingSettings"]


class LoggingSettings(object):
    """``debug``, ``logger_file`` and the loggers, mixed into ``Configuration``."""

    def _start_logging(self) -> None:
        #: Loggers the SDK writes to; ``debug`` decides whether it writes exchanges.
        self.logger: Dict[str, logging.Logger] = {
            "package_logger": logging.getLogger("TextMagic"),
            "urllib3_logger": logging.getLogger("urllib3"),
        }
        self.logger_format: str = "%(asctime)s %(levelname)s %(message)s"
        self.logger_stream_handler: Optional[logging.Handler] = None
        self.logger_file_handler: Optional[logging.Handler] = None
        self._logger_file: Optional[str] = None
        self._debug = False

    @property
    def debug(self) -> bool:
        """When True, every exchange of this configuration's clients is logged at DEBUG on
        the ``TextMagic`` logger, credentials redacted. Turning it on also lowers that
        logger's level to DEBUG (Python's loggers are process-wide); turning it off leaves
        the level alone, so other configurations are not silenced."""
        return self._debug

    @debug.setter
    def debug(self, value: bool) -> None:
        self._debug = check_flag(value, "debug")
        if self._debug:
            logger = self.logger["package_logger"]
            logger.setLevel(logging.DEBUG)
            if not logger.hasHandlers() and self.logger_stream_handler is None:
                self.logger_stream_handler = logging.StreamHandler()
                self.logger_stream_handler.setFormatter(logging.Formatter(self.logger_format))
                logger.addHandler(self.logger_stream_handler)

    @property
    def logger_file(self) -> Optional[str]:
        """Path of a file that receives the ``TextMagic`` logger's records, or None."""
        return self._logger_file

    @logger_file.setter
    def logger_file(self, value: Optional[str]) -> None:
        # Every configuration naming one file shares one handler (one open file, each
        # record written once); the last configuration to let go of it closes it, when
        # it is collected or names another file.
        release = _log_file_releases.pop(self, None)
        if release is not None:
            release()
        self.logger_file_handler = None
        self._logger_file = value
        if value:
            logger = self.logger["package_logger"]
            key = (os.path.abspath(value), logger.name)
            self.logger_file_handler = _acquire_file_handler(key, self.logger_format, logger)
            _log_file_releases[self] = weakref.finalize(self, _release_file_handler, key)


_log_file_releases: "weakref.WeakKeyDictionary[Any, Any]" = weakref.WeakKeyDictionary()
# (absolute path, logger name) -> [the shared FileHandler, how many configurations use it]
_file_handlers: Dict[Tuple[str, str], List[Any]] = {}
_file_handlers_lock = threading.Lock()


def _acquire_file_handler(key: Tuple[str, str], fmt: str, logger: logging.Logger) -> Any:
    with _file_handlers_lock:
        entry = _file_handlers.get(key)
        if entry is None:
            handler = logging.FileHandler(key[0])
            handler.setFormatter(logging.Formatter(fmt))
            logger.addHandler(handler)
            entry = _file_handlers[key] = [handler, 0]
        entry[1] += 1
        return entry[0]


def _release_file_handler(key: Tuple[str, str]) -> None:
    with _file_handlers_lock:
        entry = _file_handlers.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] > 0:
            return
        del _file_handlers[key]
    logging.getLogger(key[1]).removeHandler(entry[0])
    entry[0].close()
