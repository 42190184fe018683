"""The transport: the only code that touches urllib3, one module a job.

- :mod:`~TextMagic.transport.send`: the one loop every request goes through (pacing,
  tries, redirects, the deadline, the credential checks before anything leaves).
- :mod:`~TextMagic.transport.pools`: pools per origin, fork and Ctrl-C handling.
- :mod:`~TextMagic.transport.deadline`: the call's deadline bounding every read.
- :mod:`~TextMagic.transport.timeouts`: timeouts and the deadline's arithmetic.
- :mod:`~TextMagic.transport.retry`: the retry policy (urllib3's ``Retry``).
- :mod:`~TextMagic.transport.pacing`: the rate limit.
- :mod:`~TextMagic.transport.body`: request payloads; answers' bodies within the cap.
- :mod:`~TextMagic.transport.errors`: urllib3's exceptions as the SDK's.
- :mod:`~TextMagic.transport.hooks`: the request hooks (``configuration.event_hooks``).
"""
