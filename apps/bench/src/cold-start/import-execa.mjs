// Only the import of the execa package, as a user writes it.
import "execa";
