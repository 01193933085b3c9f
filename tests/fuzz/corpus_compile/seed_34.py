def f(x: int, *a: str, **k: float) -> int:
    return
