-- wrk script: every request carries the bearer token of var/bench_api_token.
local file = io.open("var/bench_api_token")
local token = file:read("*l")
file:close()
wrk.headers["Authorization"] = "Bearer " .. token
