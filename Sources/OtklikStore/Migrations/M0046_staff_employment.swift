extension Migrations {
    /// Employment dates of staff (issue 20 item 5, attrition): the first and the last day of work, `YYYY-MM-DD`, both
    /// optional. A CHECK keeps `left_on` on or after `hired_on` whichever way a row is written.
    static let v46StaffEmployment = Migration("0046_staff_employment", [
        "ALTER TABLE staff ADD COLUMN hired_on TEXT",
        "ALTER TABLE staff ADD COLUMN left_on TEXT CHECK (left_on IS NULL OR hired_on IS NULL OR left_on >= hired_on)",
    ])
}
