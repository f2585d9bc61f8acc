/// The invariants the multipart fuzzer checks, shared by the fuzz target and the regression
/// test (see ``HTTPRequestFuzzHarness`` for why it lives here).
///
/// An input is: byte 0 (bits 0–1: limits — defaults, few small parts, small headers, both;
/// bits 2–3: which boundary), bytes 1–3 (where to cut the body), then the body.
package enum MultipartFuzzHarness {
    static let boundaries = ["b", "boundary", "----WebKitFormBoundary7MA4YWxkTrZu0gW", "a'()+_,-./:=? z"]
    static let limitVariants = [
        MultipartLimits(),
        MultipartLimits(maxParts: 3, maxPartHeaderBytes: 8 * 1024, maxFieldBytes: 16),
        MultipartLimits(maxParts: 16, maxPartHeaderBytes: 64, maxFieldBytes: 64 * 1024),
        MultipartLimits(maxParts: 2, maxPartHeaderBytes: 80, maxFieldBytes: 8),
    ]

    struct Run: Equatable {
        var events: [MultipartEvent]
        var error: MultipartError?
    }

    /// The invariants this input breaks; empty when none.
    package static func violations(_ input: [UInt8]) -> [String] {
        guard input.count >= 4 else { return [] }
        let limits = limitVariants[Int(input[0] & 3)]
        let boundary = boundaries[Int(input[0] >> 2 & 3)]
        let body = Array(input[4...])
        var problems: [String] = []

        let whole = run(body, pieces: [body.count], boundary: boundary, limits: limits, problems: &problems)
        var points = input[1...3].enumerated().map { Int($0.element) * (257 + $0.offset * 6) % (body.count + 1) }
        points = points.prefix(Int(input[1] % 3) + 1).sorted()
        var sizes: [Int] = []
        var last = 0
        for point in points {
            sizes.append(point - last)
            last = point
        }
        sizes.append(body.count - last)
        let split = run(body, pieces: sizes, boundary: boundary, limits: limits, problems: &problems)
        problems += compare(split, whole, "split \(sizes)")
        if body.count <= 4096 {
            let single = run(
                body, pieces: Array(repeating: 1, count: body.count), boundary: boundary, limits: limits,
                problems: &problems)
            problems += compare(single, whole, "byte by byte")
        }
        return problems
    }

    /// The same error, the same structure; and without error, the same data too.
    static func compare(_ run: Run, _ reference: Run, _ how: String) -> [String] {
        if run.error != reference.error {
            return ["\(how): error \(String(describing: run.error)), one feed \(String(describing: reference.error))"]
        }
        if run.error == nil {
            if normalized(run.events) != normalized(reference.events) { return ["\(how): other events than one feed"] }
        } else if structure(run.events) != structure(reference.events) {
            return ["\(how): other parts than one feed before the error"]
        }
        return []
    }

    /// Events with adjacent data merged: what does not depend on how the body was split.
    package static func normalized(_ events: [MultipartEvent]) -> [MultipartEvent] {
        var result: [MultipartEvent] = []
        for event in events {
            if case .partData(let more) = event, case .partData(let data)? = result.last {
                result[result.count - 1] = .partData(data + more)
            } else {
                result.append(event)
            }
        }
        return result
    }

    static func structure(_ events: [MultipartEvent]) -> [MultipartEvent] {
        events.filter { if case .partData = $0 { return false } else { return true } }
    }

    static func run(
        _ body: [UInt8], pieces: [Int], boundary: String, limits: MultipartLimits, problems: inout [String]
    ) -> Run {
        guard var parser = try? MultipartParser(boundary: boundary, limits: limits) else {
            problems.append("boundary \(boundary) refused")
            return Run(events: [], error: nil)
        }
        let delimiterLength = boundary.utf8.count + 4
        var events: [MultipartEvent] = []
        var error: MultipartError?
        var offset = 0
        for size in pieces {
            do {
                try parser.feed(body[offset..<(offset + size)], into: &events)
            } catch let failure {
                error = failure
                break
            }
            offset += size
            if parser.bufferedByteCount > limits.maxPartHeaderBytes + delimiterLength {
                problems.append("holds \(parser.bufferedByteCount) bytes after \(offset)")
            }
        }
        if error == nil {
            do { try parser.finish() } catch let failure { error = failure }
        }
        problems += checkLimits(events, limits: limits, complete: error == nil)
        return Run(events: events, error: error)
    }

    static func checkLimits(_ events: [MultipartEvent], limits: MultipartLimits, complete: Bool) -> [String] {
        var problems: [String] = []
        var parts = 0
        var inPart: MultipartPartHead?
        var fieldBytes = 0
        var ended = false
        for event in events {
            if ended { problems.append("an event after the end") }
            switch event {
            case .partBegin(let head):
                if inPart != nil { problems.append("a part begins inside a part") }
                parts += 1
                inPart = head
                fieldBytes = 0
            case .partData(let data):
                guard let head = inPart else {
                    problems.append("data outside a part")
                    continue
                }
                if data.isEmpty { problems.append("an empty data event") }
                if !head.isFile {
                    fieldBytes += data.count
                    if fieldBytes > limits.maxFieldBytes { problems.append("a field of \(fieldBytes) bytes") }
                }
            case .partEnd:
                if inPart == nil { problems.append("a part ends outside a part") }
                inPart = nil
            case .end:
                if inPart != nil { problems.append("the end inside a part") }
                ended = true
            }
        }
        if parts > limits.maxParts { problems.append("\(parts) parts") }
        if complete && !ended { problems.append("finished without the end event") }
        return problems
    }
}
