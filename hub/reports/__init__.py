"""Reports of abuse: anyone flags a public record, moderators resolve or dismiss the report."""
