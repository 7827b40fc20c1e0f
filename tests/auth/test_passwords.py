from vms import config
from vms.auth.passwords import common_passwords, hash_password, password_problem, verify_password


def test_production_hashing_is_memory_hard_scrypt():
    method, n, r, p = config.PASSWORD_HASH_METHOD.split(":")
    assert method == "scrypt"
    assert int(n) * int(r) * 128 >= 32 * 1024 * 1024  # at least 32 MiB per hash


def test_hash_and_verify(app):
    hashed = hash_password("a long passphrase")
    assert verify_password(hashed, "a long passphrase")
    assert not verify_password(hashed, "a long passphrasE")


def test_common_password_list_is_shipped_and_used(app):
    assert len(common_passwords()) > 10_000
    assert "baseball1" in common_passwords()
    assert password_problem("BaseBall1") is not None  # case does not help
    assert password_problem("purple monkey dishwasher") is None
