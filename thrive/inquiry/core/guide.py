"""The default interview guide for a new inquiry, in Thrive's own words (no Django)."""

DEFAULT_GUIDE: tuple[str, ...] = (
    "Before you came to the service, what was life like? What was hard?",
    "Which mental-health services were you using then, and how did you find them?",
    "How did you first get involved here, and what have you taken part in?",
    "What has worked for you, and what has changed since you started?",
    "How are your health and wellbeing now? Has anything changed that you didn't expect?",
    "What would you like to do next? What are your hopes for the future?",
    "Looking back, what do you think might have happened without this opportunity?",
)
