"""Article -> analysis: amounts, dates, entities and events, each with exact offsets into the body."""
