-- What changed in the last day and week (the overview): ledger entries by time. Entries are appended
-- in time order, so a BRIN index answers a time window by skipping whole block ranges, at almost no
-- cost to an import that appends a million entries (a B-tree would be kept up row by row).
CREATE INDEX ledger_entry_at ON ledger_entry USING brin (at);
