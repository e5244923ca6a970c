"""Named checks (``on_match`` callbacks) for pattern records that need more than a regex.

A check takes the masked sentence, the match and the context, and says whether to keep the
match. Keep them few and small: logic here is logic a newcomer must read as code.
"""

from __future__ import annotations
