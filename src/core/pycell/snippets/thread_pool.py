# ThreadPoolExecutor：在 CPython 里它会开线程；浏览器里的 Python（Pyodide）编译时没有线程支持，
# 所以第一次 submit 就失败。下面打印 Python 自己的报错，然后串行完成同样的工作。
# ThreadPoolExecutor: on CPython it starts threads. The browser's Python (Pyodide) is built
# without them, so the first submit fails. Below: Python's own error, then the same work serially.
from concurrent.futures import ThreadPoolExecutor


def square(x):
    return x * x


try:
    with ThreadPoolExecutor(max_workers=4) as pool:
        print("threads:", list(pool.map(square, range(6))))
except RuntimeError as error:
    print(f"ThreadPoolExecutor failed: {type(error).__name__}: {error}")
    print("serially instead:", [square(x) for x in range(6)])
