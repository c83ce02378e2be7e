import Foundation

/// Values passed from one producing thread to one consuming thread in batches, a few batches ahead: what
/// `ParseAhead` (a script's lines, parsed) and `RowsAhead` (an order file's rows) both do, written once.
///
/// The producer calls `add` for each value and `finish` at the end (with the error that ended it, if any);
/// `add` returns false once the consumer has stopped. The consumer takes the values in order with `next()`,
/// which throws the producer's error after the values before it, gives each value it is done with back
/// with `done` (so that the producing thread frees what it allocated: freeing another thread's memory makes
/// both threads wait on the allocator's lock), and calls `stop` when it wants no more. At most `depth`
/// batches wait, so memory is bounded whatever the input's length.
final class BatchHandOff<Element>: @unchecked Sendable {
    let batchSize: Int
    let depth: Int

    private let condition = NSCondition()
    // Guarded by `condition`:
    private var ready: [[Element]] = []
    private var returned: [[Element]] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false
    // The producing thread's own: the batch being filled.
    private var filling: [Element] = []
    // The consuming thread's own: the batch being taken, last value first, so that each value is moved out
    // of it (popLast) rather than copied; and the values it is done with.
    private var current: [Element] = []
    private var spent: [Element] = []

    init(batchSize: Int, depth: Int) {
        self.batchSize = batchSize
        self.depth = depth
        filling.reserveCapacity(batchSize)
    }

    // MARK: the producing thread

    /// Adds a value; false when the consumer has stopped (the producer should end).
    func add(_ value: consuming Element) -> Bool {
        filling.append(value)
        return filling.count < batchSize || flush()
    }

    /// No more values: `error` (if any) reaches the consumer after the values before it.
    func finish(_ error: (any Error)? = nil) {
        _ = flush()
        condition.lock()
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for room, then passes the filled batch on; false when the consumer has stopped.
    private func flush() -> Bool {
        guard !filling.isEmpty else { return true }
        filling.reverse()   // in place: the batch is this thread's alone until handed over
        let batch = filling
        filling = []
        filling.reserveCapacity(batchSize)
        condition.lock()
        while ready.count >= depth && !stopped { condition.wait() }
        if stopped {
            condition.unlock()
            return false
        }
        ready.append(batch)
        let done = returned
        returned = []
        condition.broadcast()
        condition.unlock()
        _ = consume done   // freed here, on this thread, outside the lock
        return true
    }

    // MARK: the consuming thread

    /// The next value in order; nil at the end. Throws the producer's error after the values before it.
    func next() throws -> Element? {
        if let value = current.popLast() { return value }
        condition.lock()
        while ready.isEmpty && !finished { condition.wait() }
        if ready.isEmpty {
            let error = failure
            condition.unlock()
            if let error { throw error }
            return nil
        }
        current = ready.removeFirst()
        if !spent.isEmpty {
            returned.append(spent)
            spent = []
        }
        condition.broadcast()
        condition.unlock()
        spent.reserveCapacity(batchSize)
        return current.popLast()
    }

    /// Gives a value back, to be freed by the producing thread.
    func done(_ value: consuming Element) {
        spent.append(value)
    }

    /// No more values are wanted: the producer ends at its next hand-over. With `waitForProducer`, returns
    /// only once it has finished (so that what it reads from may be used again at once).
    func stop(waitForProducer: Bool) {
        condition.lock()
        stopped = true
        ready.removeAll()
        condition.broadcast()
        if waitForProducer { while !finished { condition.wait() } }
        condition.unlock()
    }
}
