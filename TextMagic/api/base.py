"""What every group of the API's methods stands on: the client it sends through."""

from typing import Optional

from TextMagic.api_client import ApiClient


class ApiBase(object):
    """Holds the ``ApiClient`` that calls are sent through.

    :param ApiClient api_client: the client; a new one with the default configuration
        when omitted.
    """

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()
