import HTTPServer

/// libFuzzer entry point for the multipart parser (.ci/fuzz-http): parses the body in one
/// feed, cut at 1–3 fuzzer-chosen points and byte by byte, and traps if an invariant of
/// `MultipartFuzzHarness` breaks (same events and error for every split; parts, header
/// bytes and field sizes within the limits; never more held than a header block and a
/// delimiter; events well nested).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipart(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let problems = MultipartFuzzHarness.violations(Array(UnsafeBufferPointer(start: data, count: size)))
    precondition(problems.isEmpty, "multipart invariant broken:\n" + problems.joined(separator: "\n"))
    return 0
}
