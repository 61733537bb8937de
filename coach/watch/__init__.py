"""The routine on a watch: workouts exported for it, and its laps read back."""
