"""Pure helpers shared by every area: number and money formatting, charts.

Nothing here imports Django, so the command line and the pure economic model can use it.
"""
