import pytest

from mlnotes import doctor


def test_python_version():
    assert doctor.check_python((3, 11, 7)).ok
    old = doctor.check_python((3, 9, 18))
    assert not old.ok and old.found.startswith("3.9.18") and "3.10 or newer" in old.fix


def test_installed_packages_meet_the_requirements():
    for dist in doctor.PACKAGES:
        check = doctor.check_package(dist)
        assert check.ok, check


def test_missing_and_too_old_packages(monkeypatch):
    missing = doctor.check_package("no-such-package-xyz")
    assert not missing.ok and missing.found == "not installed" and "make lab" in missing.fix
    monkeypatch.setattr(doctor.metadata, "version", lambda dist: "1.0.0")
    old = doctor.check_package("numpy")
    assert not old.ok and old.found.startswith("1.0.0, but the course needs numpy") and ">=1.26" in old.found


def test_widget_extension_is_found_here():
    check = doctor.check_widget_extension()
    assert check.ok, check


def test_mplbackend(monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    check = doctor.check_backend()
    assert not check.ok and "MPLBACKEND=Agg" in check.found and "unset MPLBACKEND" in check.fix
    monkeypatch.delenv("MPLBACKEND")
    assert doctor.check_backend().ok


def test_kernel_starts_and_imports_the_course():
    check = doctor.check_kernel()
    assert check.ok, check


def test_report_and_exit_code(capsys):
    text, problems = doctor.report([doctor.Check("a", True, "fine"), doctor.Check("b", False, "broken", "do x")])
    assert problems == 1
    assert text.splitlines()[1:] == ["  ✓ a: fine", "  ✗ b: broken", "      fix: do x",
                                     "1 problem found: apply the fixes above, then run the doctor again."]
    assert doctor.report([doctor.Check("a", True, "fine")])[0].endswith("Ready: every check passed.")


@pytest.mark.parametrize("backend, code", [(None, 0), ("Agg", 1)])
def test_main_exit_code(monkeypatch, capsys, backend, code):
    if backend:
        monkeypatch.setenv("MPLBACKEND", backend)
    else:
        monkeypatch.delenv("MPLBACKEND", raising=False)
    assert doctor.main(kernel=False) == code
    assert capsys.readouterr().out.startswith("mlnotes doctor: is this machine ready for the course?")
