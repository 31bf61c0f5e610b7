"""Assessments: the questionnaires SMEs answer, their scores and the advice they get."""
