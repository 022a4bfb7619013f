import pytest

from newsdesk.config import load_config
from newsdesk.errors import ConfigError


def test_defaults_and_override(tmp_path):
    cfg = load_config()
    assert cfg["link"]["num_perm"] > 0
    p = tmp_path / "c.toml"
    p.write_text("[link]\nstory_threshold = 0.5\n")
    assert load_config(p)["link"]["story_threshold"] == 0.5
    assert load_config(p)["link"]["num_perm"] == cfg["link"]["num_perm"]


@pytest.mark.parametrize("text", ["[link]\nnope = 1\n", "[link]\nstory_threshold = 'high'\n", "[link\n"])
def test_bad_config_is_a_clear_error(tmp_path, text):
    p = tmp_path / "c.toml"
    p.write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    assert exc.value.code == "ND400"
