"""The parts behind :mod:`azfunc.testing`: payload builders per service, the test
client, the fake context and the pytest plugin. Import them from :mod:`azfunc.testing`."""
