{
  "targets": [
    {
      "target_name": "mmap",
      "sources": ["mmap.c"],
      "cflags": ["-Wall", "-Wextra", "-O2"]
    }
  ]
}
