import BudgetCore
import BudgetIntake

// budget-bench: generate and read synthetic submissions with the real reader.
//
//   budget-bench generate FILE ROWS [SEED] [vn|unique]
//                                            write a submission of ROWS lines; with vn,
//                                            in Vietnamese Excel style (; and 45.000.000);
//                                            with unique, no description repeats
//   budget-bench plan FILE ITEMS [AGENCIES]  write a plan of ITEMS items (codes K000001…,
//                                            each open to anyone) and AGENCIES agencies
//                                            (default 1000), for timing how plans load
//   budget-bench read FILE [RUNS] [keys]     read it RUNS times (default 5); print each
//                                            run and the median MB/s (MB = 10^6 bytes);
//                                            with keys, lines carry only their codes,
//                                            numbers and description keys, as `check`
//                                            reads them (IntakeOptions.keepsLineText)
//
// Build with `swift build -c release --product budget-bench`.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Counts lines and sums amounts by item code: the consolidation job's inner loop.
struct SummingConsumer: LineConsumer {
    var lines = 0
    var byItem: [String: Int64] = [:]

    mutating func begin(_ preamble: Preamble) {}
    mutating func consume(_ line: EstimateLine) {
        lines += 1
        byItem[line.itemCode, default: 0] &+= line.amount?.dong ?? 0
    }
    /// As `check` receives lines (`keys`): summed by code number, the text looked up only
    /// for a number not seen before.
    var byNumber: [Int64] = []
    var names: [String] = []
    var generation = 0
    mutating func consume(_ line: KeyedLine, codes: ItemCodes) {
        lines += 1
        if codes.generation != generation {  // the numbers start afresh: keep the sums by name
            for (name, sum) in zip(names, byNumber) { byItem[name, default: 0] &+= sum }
            (byNumber, names, generation) = ([], [], codes.generation)
        }
        let number = Int(line.code)
        while byNumber.count <= number {
            byNumber.append(0)
            names.append(codes.text(Int32(names.count)))
        }
        byNumber[number] &+= line.amount?.dong ?? 0
    }

    mutating func restart() {
        lines = 0
        byItem = [:]
        byNumber = []
        names = []
    }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func fail(_ message: String) -> Never {
    var text = "budget-bench: \(message)\n"
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    fail("usage: budget-bench generate FILE ROWS [SEED] | budget-bench read FILE [RUNS] [keys]")
}
switch arguments[1] {
case "generate":
    guard arguments.count >= 4, let rows = Int(arguments[3]) else { fail("generate FILE ROWS [SEED] [vn|unique]") }
    let seed = arguments.count >= 5 ? UInt64(arguments[4]) ?? 20_250_101 : 20_250_101
    guard let file = fopen(arguments[2], "w") else { fail("cannot write \(arguments[2])") }
    var generator = Generator(seed: seed)
    let vietnamese = arguments.count >= 6 && arguments[5] == "vn"
    let unique = arguments.count >= 6 && arguments[5] == "unique"
    let (count, sum) = generator.generate(rows: rows, vietnamese: vietnamese, unique: unique) { text in
        var text = text
        text.withUTF8 { bytes in _ = fwrite(bytes.baseAddress, 1, bytes.count, file) }
    }
    fclose(file)
    // The plan the file is checked against: its 60 codes open to anyone, agency BAOKT.
    var catalogue = Generator(seed: seed)
    let items = catalogue.catalogue().map { "    {\"code\": \"\($0)\", \"title\": \"Nội dung \($0)\"}" }
    let plan = """
        {
          "format": "budget-plan/1", "id": "kon-tum-2020", "title": "Kế hoạch thử tải",
          "issuer": "Ủy ban nhân dân tỉnh Kon Tum",
          "consolidator": {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
          "recipient": {"code": "STC", "name": "Sở Tài chính"},
          "currency": "VND", "timeZone": "Asia/Ho_Chi_Minh", "deadline": "2020-03-10",
          "agencies": [{"code": "BAOKT", "name": "Báo Kon Tum"}],
          "items": [
        \(items.joined(separator: ",\n"))
          ]
        }

        """
    let planPath = arguments[2] + ".plan.json"
    guard let planFile = fopen(planPath, "w") else { fail("cannot write \(planPath)") }
    var planText = plan
    planText.withUTF8 { bytes in _ = fwrite(bytes.baseAddress, 1, bytes.count, planFile) }
    fclose(planFile)
    print("rows=\(count) sum=\(sum) plan=\(planPath)")
case "plan":
    guard arguments.count >= 4, let items = Int(arguments[3]), items > 0 else { fail("plan FILE ITEMS [AGENCIES]") }
    let agencies = arguments.count >= 5 ? max(1, Int(arguments[4]) ?? 1000) : 1000
    guard let file = fopen(arguments[2], "w") else { fail("cannot write \(arguments[2])") }
    func put(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = fwrite(bytes.baseAddress, 1, bytes.count, file) }
    }
    put(
        """
        {
          "format": "budget-plan/1", "id": "bench-plan", "title": "Kế hoạch thử tải",
          "issuer": "Ủy ban nhân dân tỉnh",
          "consolidator": {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
          "recipient": {"code": "STC", "name": "Sở Tài chính"},
          "currency": "VND", "timeZone": "Asia/Ho_Chi_Minh", "deadline": "2020-03-10",
          "agencies": [

        """)
    for a in 1...agencies {
        let code = "A" + String(repeating: "0", count: max(0, 4 - String(a).count)) + String(a)
        put("    {\"code\": \"\(code)\", \"name\": \"Đơn vị số \(a)\"}\(a < agencies ? "," : "")\n")
    }
    put("  ],\n  \"items\": [\n")
    var chunk = ""
    for n in 1...items {
        let code = "K" + String(repeating: "0", count: max(0, 6 - String(n).count)) + String(n)
        chunk += "    {\"code\": \"\(code)\", \"title\": \"Nội dung chi tiết số \(n) của kế hoạch\"}"
        chunk += n < items ? ",\n" : "\n"
        if chunk.utf8.count > 1 << 20 {
            put(chunk)
            chunk = ""
        }
    }
    put(chunk + "  ]\n}\n")
    fclose(file)
    print("items=\(items) agencies=\(agencies) plan=\(arguments[2])")
case "read":
    let path = arguments[2]
    let runs = arguments.count >= 4 ? max(1, Int(arguments[3]) ?? 5) : 5
    let keepsLineText = !(arguments.count >= 5 && arguments[4] == "keys")
    var rates: [Double] = []
    for run in 1...runs {
        var consumer = SummingConsumer()
        let start = now()
        let report: IntakeReport
        do {
            report = try SubmissionReader.read(
                open: { try FileByteSource(path: path) },
                options: IntakeOptions(
                    fileName: path, limits: IntakeLimits(maxFileBytes: Int.max, maxRows: Int.max),
                    keepsLineText: keepsLineText),
                into: &consumer)
        } catch {
            fail("\(error)")
        }
        let seconds = now() - start
        let megabytes = Double(report.byteCount) / 1e6
        rates.append(megabytes / seconds)
        let total = consumer.byItem.values.reduce(0, &+)
        print(
            "run \(run): lines=\(consumer.lines) items=\(consumer.byItem.count) sum=\(total) "
                + "findings=\(report.findings.count) bytes=\(report.byteCount) "
                + "seconds=\(String(format3(seconds))) MB/s=\(String(format1(megabytes / seconds)))")
    }
    rates.sort()
    print("median MB/s=\(format1(rates[rates.count / 2]))")
default:
    fail("unknown subcommand \(arguments[1])")
}

func format3(_ value: Double) -> String { String(Double(Int(value * 1000)) / 1000) }
func format1(_ value: Double) -> String { String(Double(Int(value * 10)) / 10) }
