// Only the import of the anyproc package, as a user writes it.
import "anyproc";
