"""The collection: bundled documents, their manifest, and the dataset build."""
