import BudgetCore

extension RowReader {
    /// Hands what the table stage finished to `consumer`: the preamble first (once: `begun`
    /// remembers), then the finished lines in order. Both drivers — CSV
    /// (``SubmissionReader``) and workbook (``WorkbookIntake``) — call it after each chunk
    /// of input and at the end.
    func handOn<C: LineConsumer>(to consumer: inout C, begun: inout Bool) {
        if !begun, let preamble = report.preamble {
            consumer.begin(preamble)
            begun = true
        }
        ready.drain { consumer.consume($0) }
        let codes = codeNumbers.codes
        keyed.drain { consumer.consume($0, codes: codes) }
        // Every numbered line is with the consumer now: the codes may start afresh.
        codeNumbers.resetIfFull()
    }
}
