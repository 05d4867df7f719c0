"""The views of the islands: the present-day scenarios, the historical views and the points
of view, in one catalogue (:mod:`.catalog`) with one id space and one ``holder_of``."""
