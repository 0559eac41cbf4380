"""The bottom layer every package may import: errors, text folding, corpus paths, the Markdown heading parser."""
