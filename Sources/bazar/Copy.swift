import BazarCore
import CSQLiteSetup
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `bazar copy FROM TO` (SPEC section 11): a whole store, file or PostgreSQL, into another, in one transaction
/// on the target. Prints what it added on stderr; exit 3 when either store cannot be used.
func runCopy(_ arguments: [String], who: String) -> Int32 {
    guard arguments.count == 2 else {
        fputs("bazar: error: copy needs two stores: bazar copy FROM TO\n  = e.g. bazar copy office.sqlite postgres://ana@dinas/bazar\n", stderr)
        return 2
    }
    _ = bazar_sqlite_setup()
    var opened: [OpenedStore] = []
    defer { for s in opened { s.close() } }
    do {
        let source = try OpenedStore.open(arguments[0], readOnly: true)
        opened.append(source)
        let target = try OpenedStore.open(arguments[1])
        opened.append(target)
        let c = try StoreCopy.copy(from: source, to: target, who: who)
        fputs("copy \(source.place) → \(target.place): \(c.participants) participants, \(c.products) products, \(c.events) events, "
              + "\(c.stalls) stalls, \(c.sales) sales added; \(c.salesThere) sales already there\(c.voided > 0 ? ", \(c.voided) voided" : "")\n", stderr)
        return 0
    } catch let error as BazarError {
        fputs("bazar: error: \(error.message)\n", stderr)
        if let hint = error.hint { fputs("  = \(hint)\n", stderr) }
        return error.exitStatus == 1 ? 1 : error.exitStatus
    } catch {
        fputs("bazar: error: the copy failed; nothing was copied\n", stderr)
        return 1
    }
}
