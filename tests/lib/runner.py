"""Run one module's unittest cases and report them plainly.

    if __name__ == "__main__":
        sys.exit(runner.main(__name__))

Prints "ok - name" or "not ok - name" (with the failure indented below)
for each test, then exactly one summary line "N passed, N failed"; the
exit status is non-zero when anything failed. tests/run-all reads that
last line.
"""
import sys
import time
import traceback
import unittest


class _Result(unittest.TestResult):
    def __init__(self, out):
        super().__init__()
        self.out = out
        self.passed = 0
        self.failed = 0
        self._start = 0.0

    def _name(self, test):
        if hasattr(test, "test_case") and hasattr(test, "_subDescription"):  # a subTest
            return "%s %s" % (self._name(test.test_case), test._subDescription())
        if isinstance(test, unittest.TestCase):
            return "%s.%s" % (type(test).__name__, test._testMethodName)
        return str(test)  # setUpClass / module fixtures fail as _ErrorHolder

    def startTest(self, test):
        super().startTest(test)
        self._start = time.time()

    def addSuccess(self, test):
        self.passed += 1
        self.out.write("ok - %s (%.2f s)\n" % (self._name(test), time.time() - self._start))
        self.out.flush()

    def _bad(self, test, err, kind):
        self.failed += 1
        self.out.write("not ok - %s (%s)\n" % (self._name(test), kind))
        text = "".join(traceback.format_exception(*err))
        for line in text.rstrip().splitlines():
            self.out.write("    " + line + "\n")
        self.out.flush()

    def addFailure(self, test, err):
        self._bad(test, err, "failed")

    def addError(self, test, err):
        self._bad(test, err, "error")

    def addSkip(self, test, reason):
        # A skipped test proves nothing, so it does not count as passed.
        self.out.write("ok - %s # SKIP %s\n" % (self._name(test), reason))

    def addExpectedFailure(self, test, err):
        self.passed += 1
        self.out.write("ok - %s (expected failure)\n" % self._name(test))

    def addUnexpectedSuccess(self, test):
        self.failed += 1
        self.out.write("not ok - %s (unexpected success)\n" % self._name(test))

    def addSubTest(self, test, subtest, err):
        if err is not None:
            self._bad(subtest, err, "failed")


def main(module_name, argv=None):
    """Run the TestCases in module_name (optionally only names given on the
    command line, as Class or Class.test_method); return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    module = sys.modules[module_name]
    loader = unittest.defaultTestLoader
    if argv:
        suite = loader.loadTestsFromNames(argv, module)
    else:
        suite = loader.loadTestsFromModule(module)
    result = _Result(sys.stdout)
    suite.run(result)
    sys.stdout.write("%d passed, %d failed\n" % (result.passed, result.failed))
    sys.stdout.flush()
    return 1 if result.failed or not result.wasSuccessful() else 0
