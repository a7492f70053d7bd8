#!/usr/bin/env python3
"""Lists the classes over MAX_CLASS lines and the methods over MAX_METHOD lines in the given packages (default: batch,
output, run, cli under src/main/java/io/dialready). A method is counted from its signature (a line indented by four
spaces that opens a body) to the closing brace at the same indentation, nested classes' methods at eight spaces."""
import pathlib, re, sys

MAX_CLASS, MAX_METHOD = 300, 60
root = pathlib.Path("src/main/java/io/dialready")
packages = sys.argv[1:] or ["batch", "output", "run", "cli"]
signature = re.compile(r"^( {4}| {8})(?!return|if|for|while|switch|else|try|catch|do\b)[\w<>\[\], .?@]+\([^;]*$")
over = 0
for pkg in packages:
    for f in sorted((root / pkg).rglob("*.java")):
        lines = f.read_text().splitlines()
        name = str(f.relative_to(root))
        if len(lines) > MAX_CLASS:
            print(f"class  {name}: {len(lines)} lines")
            over += 1
        i = 0
        while i < len(lines):
            m = signature.match(lines[i])
            if m and "=" not in lines[i].split("(")[0] and " class " not in lines[i] and " record " not in lines[i]:
                indent = m.group(1)
                j = i
                while j < len(lines) and not lines[j].rstrip().endswith("{") and not lines[j].rstrip().endswith(";"):
                    j += 1
                if j < len(lines) and lines[j].rstrip().endswith("{"):
                    k = j + 1
                    while k < len(lines) and lines[k] != indent + "}":
                        k += 1
                    length = k - i + 1
                    if length > MAX_METHOD:
                        print(f"method {name}:{i + 1} {lines[i].strip()[:60]}... {length} lines")
                        over += 1
                    i = k
            i += 1
print(f"{over} over the limits (class {MAX_CLASS} lines, method {MAX_METHOD})")
