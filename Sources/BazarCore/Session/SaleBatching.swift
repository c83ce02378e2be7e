/// When a script's batched sales (Store/Postgres/PostgresSaleBatch.swift) are written: the session's side.
///
/// The batch waits across `add sale` lines and across the commands below, which neither read sales nor depend
/// on a sale's number; any other command (a report, a list, `void sale`, `import orders`, `run` …) has it written
/// first, outside the command's savepoint. So does a line whose ref is waiting in it (the duplicate is found by
/// the same lookup as on SQLite, with the earlier sale's number), a line that fails (a refusal of an earlier line
/// is the error that counts), and the end of the script.
extension Session {
    static let keepsSalesBatched: Set<CommandKind> = [
        .addSale, .day, .date, .at, .openEvent, .closeEvent, .reopenEvent, .addParticipant, .addProduct,
        .setFormat, .setTiming, .setPager, .setCsvBom, .setLanguage, .help,
    ]

    /// Where `add participant` and `add product` put what they add in a script on a server under `on-error stop`
    /// (Store/Postgres/PostgresNewRecords.swift); nil: they insert it at once.
    var recordsWrittenBehind: PostgresNewRecords? {
        guard let batch = saleBatch, settings.onError == .stop, capturing == nil else { return nil }
        return batch.records
    }

    /// A script that is the whole transaction, on a server, not captured for `undo`: its sales go in batches.
    func startSaleBatch() {
        guard let server = store as? PostgresStoreConnection, capturing == nil else { return }
        saleBatch = PostgresSaleBatch(server)
    }

    /// Before a line of a script runs (outside its savepoint): writes the batch when the line needs it. False when
    /// a line in the batch was refused and the script stops there.
    func flushSalesIfNeeded(before command: ParsedCommand, line: SourceLine, into result: inout RunResult) -> Bool {
        guard let batch = saleBatch else { return true }
        defer { batch.line = line }
        let needed: Bool
        if command.kind == .addSale {
            needed = batch.count >= PostgresSaleBatch.limit || (command.sale?.ref).map(batch.hasPending(ref:)) == true
        } else {
            needed = !Session.keepsSalesBatched.contains(command.kind)
        }
        return needed ? flushSales(into: &result) : true
    }

    /// Writes the batch and reports the lines the server refused (each counted as failed, not as a change).
    /// False when the script stops: a refused line under `on-error stop`, or the store failed.
    func flushSales(into result: inout RunResult) -> Bool {
        guard let batch = saleBatch, !batch.isEmpty else { return true }
        do {
            for refused in try batch.flush(keepGoing: settings.onError == .continue) {
                result.changes -= 1
                result.sales -= 1
                result.commands -= 1
                report(refused.error, line: refused.line, into: &result)
            }
            return !result.storeUnusable
        } catch let refused as PostgresSaleBatch.Refused {
            report(refused.error, line: refused.line, into: &result)
            return false
        } catch {
            report(error, line: nil, into: &result)
            return false
        }
    }
}
