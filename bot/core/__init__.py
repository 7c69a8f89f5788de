"""Pure building blocks: the error tree (``errors``), CPF and CNJ check digits (``cpf``, ``cnj``),
canonical JSON, sha256 and pseudonyms (``hashing``), HTML/PDF → text (``documents``), the one retry
policy for transient failures (``retry``).

The bottom layer of ``bot``: imports nothing of jano, only the standard library and pure parsing
libraries (pypdf). Every package may import it, the mock included (shared check digits).
"""
