"""Network scanners over eSCL (AirScan / Mopria): discovery by mDNS, scanning over HTTP."""
