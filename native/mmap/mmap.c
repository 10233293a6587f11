/*
 * mapFile(path): maps a file read-only and shared, and returns it as an external
 * ArrayBuffer. Every process that maps the same file shares the kernel's page-cache copy,
 * which is how the gateway's worker processes hold one copy of the compiled index.
 * The mapping is released (munmap) when the ArrayBuffer is garbage-collected. A file
 * replaced by rename keeps its old inode alive until the last mapping goes, so a worker
 * still deciding with the old index is never disturbed.
 */
#define NAPI_VERSION 8
#include <errno.h>
#include <fcntl.h>
#include <node_api.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static napi_value throw_errno(napi_env env, const char *what, const char *path, int err) {
  char message[4352];
  snprintf(message, sizeof message, "%s %s: %s", what, path, strerror(err));
  napi_throw_error(env, err == ENOENT ? "ENOENT" : "SG_ERR_MMAP", message);
  return NULL;
}

static void release(napi_env env, void *data, void *hint) {
  (void)env;
  munmap(data, (size_t)(uintptr_t)hint);
}

static napi_value map_file(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char path[4096];
  size_t length = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_string_utf8(env, argv[0], path, sizeof path, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "mapFile(path): path must be a string");
    return NULL;
  }
  if (length >= sizeof path - 1) {
    napi_throw_range_error(env, NULL, "mapFile(path): path is too long");
    return NULL;
  }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return throw_errno(env, "open", path, errno);
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    close(fd);
    return throw_errno(env, "fstat", path, err);
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return throw_errno(env, "map", path, S_ISDIR(st.st_mode) ? EISDIR : EINVAL);
  }
  size_t size = (size_t)st.st_size;
  /* mmap of zero bytes is EINVAL; an empty file is an empty buffer. */
  void *data = size == 0 ? NULL : mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
  int err = errno;
  close(fd); /* the mapping keeps the file open */
  if (data == MAP_FAILED) return throw_errno(env, "mmap", path, err);
  napi_value buffer;
  napi_status status =
      size == 0 ? napi_create_arraybuffer(env, 0, NULL, &buffer)
                : napi_create_external_arraybuffer(env, data, size, release,
                                                   (void *)(uintptr_t)size, &buffer);
  if (status != napi_ok) {
    if (size != 0) munmap(data, size);
    napi_throw_error(env, "SG_ERR_MMAP", "mapFile: cannot wrap the mapping as an ArrayBuffer");
    return NULL;
  }
  return buffer;
}

/*
 * unmap(buffer): detaches a buffer from mapFile so its mapping is released now rather than
 * at some later garbage collection (a process that only checked a file should not pin it).
 * Every view of the buffer then has length 0.
 */
static napi_value unmap(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  bool is_buffer = false;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_is_arraybuffer(env, argv[0], &is_buffer) != napi_ok || !is_buffer) {
    napi_throw_type_error(env, NULL, "unmap(buffer): buffer must be an ArrayBuffer");
    return NULL;
  }
  if (napi_detach_arraybuffer(env, argv[0]) != napi_ok) {
    napi_throw_error(env, "SG_ERR_MMAP", "unmap: the buffer cannot be detached");
    return NULL;
  }
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "mapFile", NAPI_AUTO_LENGTH, map_file, NULL, &fn);
  napi_set_named_property(env, exports, "mapFile", fn);
  napi_create_function(env, "unmap", NAPI_AUTO_LENGTH, unmap, NULL, &fn);
  napi_set_named_property(env, exports, "unmap", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
