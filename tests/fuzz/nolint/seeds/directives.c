int a; // NOLINT
// NOLINTNEXTLINE(devlife-refcount-leak, -devlife-*)
int b;
/* NOLINTBEGIN(devlife-*) */
int c;
// NOLINTEND(devlife-*)// NOLINTEND
