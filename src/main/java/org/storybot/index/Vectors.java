package org.storybot.index;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;

/** Reads stored sentence vectors. */
final class Vectors {
  private Vectors() {}

  /** Dot product (cosine: vectors are normalised) of {@code doc}'s vector and {@code query}. */
  static float similarity(IndexSearcher searcher, int doc, float[] query) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(Documents.VECTOR);
    if (values == null) return 0f;
    KnnVectorValues.DocIndexIterator it = values.iterator();
    int local = doc - leaf.docBase;
    if (it.advance(local) != local) return 0f;
    float[] v = values.vectorValue(it.index());
    float dot = 0;
    for (int i = 0; i < v.length; i++) dot += v[i] * query[i];
    return dot;
  }
}
