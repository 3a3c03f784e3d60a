extension AppDatabase {
    /// The delivery records of messages to customers.
    public var deliveries: any MessageDeliveryRepository { SQLMessageDeliveryRepository(database: sql) }
}
