/// A row test narrowed to the completed requests (cost per service, contacts per request): the status as one more
/// ``ColumnFilter`` pass after the test's own.
struct CompletedRows<Test: FilteredRows>: FilteredRows {
    let test: Test
    let status: UnsafePointer<UInt8>
    let filters: [ColumnFilter]

    init(test: Test, status: UnsafePointer<UInt8>) {
        (self.test, self.status) = (test, status)
        filters = test.filters + [.byte(status, equals: RequestTable.completed)]
    }

    @inline(__always) func weight(_ row: Int) -> UInt32 { test.weight(row) & (status[row] == RequestTable.completed ? 1 : 0) }
}
