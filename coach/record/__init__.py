"""The running log's own rules and words, with no database behind them.

What counts as a warm-up or a cool-down done, the outcomes a step can end with, the
soreness scales and the rows coach records live here; :mod:`coach.store` keeps them in
SQLite and :mod:`coach.insights` reasons over them.
"""
