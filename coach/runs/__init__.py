"""Runs read from watch files and exports: FIT, GPX, TCX, gzip, folders, Strava and Garmin zips.

Headless: nothing here imports Textual, and the readers' libraries (fitdecode, gpxpy) are
imported only when a file of theirs is read, so the screen-less commands start fast. Every
file coach did not write is outside data: it is read with a size cap, never extracted to
disk, and turns into a run, a skipped activity, or one line naming it and its problem.
"""
