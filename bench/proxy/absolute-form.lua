-- Makes wrk talk to a forward proxy: each request line carries the absolute URL given after
-- `--` and the Host header names that site, as a browser configured with a proxy does.
--   wrk -c 50 -d 10s -s absolute-form.lua http://127.0.0.1:<proxy port> -- http://localhost:8080/small
function init(args)
  target = args[1]
  wrk.headers["Host"] = target:match("^%a+://([^/]+)")
end

function request()
  return wrk.format("GET", target)
end
