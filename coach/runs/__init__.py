"""Runs read from watch files and exports: FIT, GPX, TCX, gzip, folders, Strava and Garmin zips.

Headless: nothing here imports Textual, and fitdecode is imported only when a FIT file is
read (GPX and TCX are streamed through the standard library's expat), so the screen-less
commands start fast. Every file coach did not write is outside data: it is read with a size
cap, never extracted to disk, and turns into runs, skipped activities, or one line naming it
and its problem.
"""
