from tracker.compute.state import Level
from tracker.core.i18n import Lang
from tracker.core.model import Thresholds
from tracker.views.palette import LEVEL_NAME, LEVEL_STYLE, legend, tone


def test_every_level_has_a_distinct_look_and_a_json_name():
    looks = {tone(LEVEL_STYLE[level]).hex for level in Level}
    assert len(looks) == len(Level)
    assert [LEVEL_NAME[level] for level in Level] == ["none", "blue", "yellow", "red"]


def test_unknown_styles_look_like_no_warning():
    assert tone("loud") == tone("")


def test_the_legend_names_the_thresholds_in_force_in_both_languages():
    zh = dict(legend(Thresholds(near_days=10, silent_days=45), Lang.ZH))
    en = dict(legend(Thresholds(near_days=10, silent_days=45), Lang.EN))
    assert list(zh) == ["red", "yellow", "blue"]
    assert "45天" in zh["yellow"] and "10天" in zh["blue"]
    assert "45 days" in en["yellow"] and "10 days" in en["blue"]
