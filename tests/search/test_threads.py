"""Stemming is used by concurrent threads (threaded app servers): results must not depend on it."""

import sys
import threading

from apps.search import text


def test_stemming_is_thread_safe():
    words = ["renovees", "renovation", "batiments", "mobilites", "financer", "photovoltaique"] * 50
    expected = {w: text._stemmer().stemWord(w) for w in set(words)}
    errors = []

    def work():
        for _ in range(20):
            for word in words:
                # The raw stemmer (not the cached wrapper), so that every call exercises it.
                if text._stemmer().stemWord(word) != expected[word]:
                    errors.append(word)

    # Switch threads very often, so that a shared stemmer would be caught mid-word (it was:
    # wrong stems and IndexError with one instance for all threads).
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
