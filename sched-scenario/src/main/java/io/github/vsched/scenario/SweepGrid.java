package io.github.vsched.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a sweep: every combination of its axes' values, numbered so that the last
 * axis varies fastest. Shard {@code i} of {@code n} takes points {@code i-1, i-1+n, ...}, so
 * shards get similar mixes of cheap and expensive points.
 */
public final class SweepGrid {
    /** Most points a sweep may have. */
    public static final int MAX_POINTS = 1_000_000;

    private final List<SweepParam> axes;
    private final int size;

    /** @param axes the axes, in the order given */
    public SweepGrid(List<SweepParam> axes) {
        this.axes = List.copyOf(axes);
        long n = 1;
        List<String> keys = new ArrayList<>();
        for (SweepParam a : axes) {
            if (keys.contains(a.key())) {
                throw new ScenarioException(new Problem(Origin.option("--param " + a.option()), a.key(),
                        "swept twice; give each key one --param"));
            }
            keys.add(a.key());
            n *= a.values().size();
            if (n > MAX_POINTS) {
                throw new ScenarioException(new Problem(Origin.option("--param " + a.option()), null,
                        "the grid has more than " + MAX_POINTS + " points"));
            }
        }
        this.size = (int) n;
    }

    /** The axes. */
    public List<SweepParam> axes() {
        return axes;
    }

    /** Number of points. */
    public int size() {
        return size;
    }

    /** The values of point {@code index} by key, in axis order. */
    public Map<String, String> point(int index) {
        Map<String, String> p = new LinkedHashMap<>();
        int rest = index;
        String[] values = new String[axes.size()];
        for (int a = axes.size() - 1; a >= 0; a--) {
            List<String> v = axes.get(a).values();
            values[a] = v.get(rest % v.size());
            rest /= v.size();
        }
        for (int a = 0; a < axes.size(); a++) {
            p.put(axes.get(a).key(), values[a]);
        }
        return p;
    }

    /** The point indices of shard {@code shard} (1-based) of {@code shards}. */
    public List<Integer> shard(int shard, int shards) {
        List<Integer> out = new ArrayList<>();
        for (int i = shard - 1; i < size; i += shards) {
            out.add(i);
        }
        return out;
    }

    /** The index of a point given by its values, or -1. */
    public int indexOf(Map<String, String> point) {
        int index = 0;
        for (SweepParam a : axes) {
            int i = a.values().indexOf(point.get(a.key()));
            if (i < 0) {
                return -1;
            }
            index = index * a.values().size() + i;
        }
        return index;
    }
}
