/** What a page shows while its data loads, or when loading failed. */
export function LoadState({ loading, error }: { loading: boolean; error: string | null }) {
  if (error)
    return (
      <div className="error-summary" role="alert">
        <h2 className="error-summary__title">Il y a un problème</h2>
        <p>{error}</p>
      </div>
    );
  if (loading) return <p className="loading" role="status">Chargement…</p>;
  return null;
}
