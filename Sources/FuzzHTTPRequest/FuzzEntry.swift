import HTTPServer

/// libFuzzer entry point for the request head parser (.ci/fuzz-http): parses the input in
/// one feed, in 1–3 pieces and byte by byte, and traps if an invariant of
/// `HTTPRequestFuzzHarness` breaks (same answer for every split; no request accepted with
/// `Transfer-Encoding` or two `Content-Length`s; no `..` segment, NUL or backslash in a
/// decoded path; limits kept; a parsed request written back out parses to itself).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let problems = HTTPRequestFuzzHarness.violations(Array(UnsafeBufferPointer(start: data, count: size)))
    precondition(problems.isEmpty, "request head invariant broken:\n" + problems.joined(separator: "\n"))
    return 0
}
