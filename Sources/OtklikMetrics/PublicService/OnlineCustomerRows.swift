/// A row test narrowed to the online requests or contacts with a customer (platform users): the channel's 0/1 byte in
/// `online`, and a customer code of 0 or more, as two more ``ColumnFilter`` passes after the test's own.
struct OnlineCustomerRows<Test: FilteredRows>: FilteredRows {
    let test: Test
    let channel: UnsafePointer<UInt8>, online: UnsafePointer<UInt8>
    let customer: UnsafePointer<Int32>
    let filters: [ColumnFilter]

    init(test: Test, channel: UnsafePointer<UInt8>, online: UnsafePointer<UInt8>, customer: UnsafePointer<Int32>) {
        (self.test, self.channel, self.online, self.customer) = (test, channel, online, customer)
        filters = test.filters + [.bytes(channel, mask: online), .known(customer)]
    }

    @inline(__always) func weight(_ row: Int) -> UInt32 {
        test.weight(row) & UInt32(online[Int(channel[row])]) & (customer[row] >= 0 ? 1 : 0)
    }
}
